// The specs the demo asks for: realistic seedless objectives, and seeded specs on sample datasets.
// DataFramer names are unique, so every name carries the run's id.
import type { CreateSpecRequest } from '../dataframer/create-spec-request';

/** A dataset the embedded simulator knows, for the seeded specs. */
export interface DemoDataset {
  id: string;
  name: string;
}

/** The datasets the embedded simulator is started with. */
export const EMBEDDED_DEMO_DATASETS: readonly DemoDataset[] = [
  { id: '5b0c3a52-8f1e-4d7a-9c2b-1e6f0a4d3b21', name: 'Insurance claims (sample)' },
  { id: '9e7d2c14-3a6b-4f58-8d0e-7c1b2a9f6e43', name: 'Support chat transcripts (sample)' },
];

const SEEDLESS = [
  {
    slug: 'support-tickets',
    description: 'Inbound support tickets for a subscription billing product',
    generation_objectives:
      'Customer support tickets for a SaaS billing product: a subject line and a body of 2-6 sentences, ' +
      'covering failed payments, refunds, plan changes and invoices, with varied tone and urgency.',
  },
  {
    slug: 'product-reviews',
    description: 'E-commerce reviews of kitchen appliances',
    generation_objectives:
      'Product reviews of kitchen appliances with a 1-5 star rating, a title and 1-3 paragraphs; mix ' +
      'verified and unverified buyers, and mention delivery, build quality and value for money.',
  },
  {
    slug: 'clinic-notes',
    description: 'De-identified primary-care visit notes',
    generation_objectives:
      'Short de-identified primary-care visit notes in SOAP format (subjective, objective, assessment, ' +
      'plan) for common adult complaints, with realistic vitals and no real names or dates.',
  },
] as const;

const SEEDED = [
  { slug: 'claims-like-seed', description: 'More claims shaped like the seed dataset', extrapolate_values: true },
  { slug: 'chats-like-seed', description: 'More chats shaped like the seed dataset', extrapolate_values: false },
] as const;

/** How many specs of each kind, and the dataset ids the seeded ones use (in turn). */
export interface DemoSpecPlan {
  seedlessCount: number;
  seededCount: number;
  datasetIds: readonly string[];
}

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length]!;
}

// Past the templates, names get a number so they stay unique.
function slugOf(slug: string, index: number, templates: number): string {
  return index < templates ? slug : `${slug}-${Math.floor(index / templates) + 1}`;
}

/** The create requests of one run: seedless first, then seeded (none without dataset ids). */
export function demoSpecRequests(runId: string, plan: DemoSpecPlan): CreateSpecRequest[] {
  const requests: CreateSpecRequest[] = [];
  for (let i = 0; i < plan.seedlessCount; i += 1) {
    const { slug, ...fields } = pick(SEEDLESS, i);
    requests.push({ name: `demo-${slugOf(slug, i, SEEDLESS.length)}-${runId}`, ...fields });
  }
  const seeded = plan.datasetIds.length === 0 ? 0 : plan.seededCount;
  for (let i = 0; i < seeded; i += 1) {
    const { slug, ...fields } = pick(SEEDED, i);
    const name = `demo-${slugOf(slug, i, SEEDED.length)}-${runId}`;
    requests.push({ name, dataset_id: pick(plan.datasetIds, i), ...fields });
  }
  return requests;
}
