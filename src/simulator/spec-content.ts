// A small but realistic spec YAML: a few properties with base (and optionally conditional)
// distributions, shaped by the flags of the create request.
import { type CreateSpecInput } from './create-validation';

interface Property {
  name: string;
  values: string[];
  weights: number[];
}

const PROPERTIES: Property[] = [
  { name: 'sentiment', values: ['positive', 'neutral', 'negative'], weights: [0.5, 0.3, 0.2] },
  { name: 'length', values: ['short', 'medium', 'long'], weights: [0.35, 0.45, 0.2] },
  { name: 'topic', values: ['billing', 'shipping', 'product quality', 'returns'], weights: [0.3, 0.25, 0.3, 0.15] },
];

/** Renders the YAML a SUCCEEDED spec carries. Strings go through JSON.stringify: valid YAML scalars. */
export function renderSpecYaml(input: CreateSpecInput): string {
  const lines = [
    'spec_version: 1',
    `name: ${JSON.stringify(input.name)}`,
    `description: ${JSON.stringify(input.description ?? '')}`,
    `generation_objectives: ${JSON.stringify(input.generationObjectives ?? 'Mirror the seed dataset.')}`,
    `seeded: ${input.datasetId !== null}`,
    'data_property_variations:',
  ];
  for (const property of PROPERTIES) lines.push(...renderProperty(property, input));
  return `${lines.join('\n')}\n`;
}

function renderProperty(property: Property, input: CreateSpecInput): string[] {
  const uniform = 1 / property.values.length;
  const weights = property.values.map((_, i) => (input.generateDistributions ? (property.weights[i] ?? 0) : uniform));
  const lines = [
    `  - property_name: ${property.name}`,
    `    property_values: [${property.values.map((v) => JSON.stringify(v)).join(', ')}]`,
    '    base_distributions:',
    ...property.values.map((value, i) => `      ${JSON.stringify(value)}: ${round(weights[i] ?? 0)}`),
  ];
  if (input.generateDistributions && input.generateConditionalDistributions && property.name === 'length') {
    lines.push(
      '    conditional_distributions:',
      '      sentiment:',
      '        negative: {"short": 0.2, "medium": 0.4, "long": 0.4}',
      '        positive: {"short": 0.45, "medium": 0.45, "long": 0.1}',
    );
  }
  return lines;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
