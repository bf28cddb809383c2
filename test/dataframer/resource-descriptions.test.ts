import assert from 'node:assert/strict';
import {
  DATAFRAMER_RESOURCES,
  EVALUATION_RESOURCE,
  RUN_RESOURCE,
  SPEC_RESOURCE,
  SPEC_STATUSES,
  failureMessageOf,
  normalizeSpecStatus,
  normalizeStatus,
  specErrorMessage,
  terminalStatuses,
  viewFieldsOf,
} from '../../src/dataframer';

describe('resource descriptions', () => {
  it('describe specs as the existing spec code reads them (same statuses, aliases and failure text)', () => {
    assert.deepEqual(Object.keys(SPEC_RESOURCE.statuses), [...SPEC_STATUSES]);
    for (const raw of ['PROCESSING', 'SUCCEEDED', 'FAILED', 'READY', 'completed', ' failed ', 'IN_PROGRESS', null, 7]) {
      const { status, known } = normalizeStatus(SPEC_RESOURCE, raw);
      assert.deepEqual({ status, known }, normalizeSpecStatus(raw), String(raw));
    }
    for (const spec of [{ error: 'boom' }, { error: '', error_message: 'late' }, { message: { message: 'obj' } }, {}]) {
      assert.equal(failureMessageOf(SPEC_RESOURCE, spec), specErrorMessage(spec));
    }
  });

  it('runs: PENDING and PROCESSING run, SUCCEEDED/FAILED/CANCELED end; CANCELLED is an alias, others are unknown', () => {
    assert.deepEqual(terminalStatuses(RUN_RESOURCE), ['SUCCEEDED', 'FAILED', 'CANCELED']);
    assert.deepEqual(normalizeStatus(RUN_RESOURCE, 'pending'), { status: 'PENDING', outcome: 'running', known: true });
    assert.deepEqual(normalizeStatus(RUN_RESOURCE, 'CANCELLED'), {
      status: 'CANCELED',
      outcome: 'canceled',
      known: true,
    });
    assert.deepEqual(normalizeStatus(RUN_RESOURCE, 'IN_PROGRESS'), {
      status: 'PROCESSING',
      outcome: 'running',
      known: false,
    });
    assert.deepEqual(normalizeStatus(RUN_RESOURCE, 'toString'), {
      status: 'PROCESSING',
      outcome: 'running',
      known: false,
    });
  });

  it('evaluations: no CANCELED; failure text in error_message', () => {
    assert.deepEqual(terminalStatuses(EVALUATION_RESOURCE), ['SUCCEEDED', 'FAILED']);
    assert.equal(normalizeStatus(EVALUATION_RESOURCE, 'CANCELED').known, false);
    assert.equal(
      failureMessageOf(EVALUATION_RESOURCE, { error_message: 'judge timed out', error: 'other' }),
      'judge timed out',
    );
  });

  it('pick the compact view fields by path and type, ignoring wrong-typed values', () => {
    const run = {
      samples_completed: 12,
      samples_failed: 1,
      total_cost: 0.15,
      completed_at: null,
      runtime_params: { number_of_samples: 40 },
      generated_files: [{ id: 'f' }],
    };
    assert.deepEqual(viewFieldsOf(RUN_RESOURCE, run), {
      samplesCompleted: 12,
      samplesFailed: 1,
      numberOfSamples: 40,
      totalCost: 0.15,
    });
    assert.deepEqual(viewFieldsOf(RUN_RESOURCE, { samples_completed: '12', runtime_params: 'x' }), {});
    assert.deepEqual(
      viewFieldsOf(EVALUATION_RESOURCE, { conformance_score: 0.9, completed_at: '2026-01-01T00:00:00Z' }),
      {
        conformanceScore: 0.9,
        completedAt: '2026-01-01T00:00:00Z',
      },
    );
  });

  it('every description is plain data with distinct kinds and failure types, and large fields outside the view', () => {
    const kinds = Object.values(DATAFRAMER_RESOURCES).map((d) => d.kind);
    assert.deepEqual(kinds, Object.keys(DATAFRAMER_RESOURCES));
    const types = Object.values(DATAFRAMER_RESOURCES).flatMap((d) => [d.failedType, d.notYetVisibleType]);
    assert.equal(new Set(types).size, types.length);
    for (const description of Object.values(DATAFRAMER_RESOURCES)) {
      assert.deepEqual(JSON.parse(JSON.stringify(description)), description, `${description.kind} is JSON data`);
      assert.ok(Object.hasOwn(description.statuses, description.unknownStatus));
      assert.equal(description.statuses[description.unknownStatus as keyof typeof description.statuses], 'running');
      const viewRoots: string[] = description.viewFields.map((f) => f.path[0]);
      for (const large of description.largeFields) assert.ok(!viewRoots.includes(large), large);
    }
  });
});
