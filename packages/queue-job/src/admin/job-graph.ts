import type { JobRecord } from '../jobs/job-info.js';
import type { JobState } from '../jobs/job-state.js';

/** Node colours by state (queue_job's dependency graph widget). */
export const STATE_COLORS: Readonly<
  Record<'done' | 'failed' | 'started' | 'other', { background: string; border: string }>
> = {
  done: { background: '#C2FABC', border: '#4AD63A' },
  failed: { background: '#FB7E81', border: '#FA0A10' },
  started: { background: '#FFFF00', border: '#FFA500' },
  other: { background: '#D2E5FF', border: '#2B7CE9' },
};

/** One job of a graph, ready for a graph widget. */
export interface JobGraphNode {
  readonly id: string;
  readonly state: JobState;
  readonly label: string;
  /** `<strong>description</strong><br/>function name`. */
  readonly title: string;
  readonly color: { readonly background: string; readonly border: string };
}

/** A job's graph: its jobs, the edges `[parent, child]` and the jobs themselves. */
export interface JobGraph {
  /** `undefined` for a lone job (a graph of one). */
  readonly graphId: string | undefined;
  readonly nodes: readonly JobGraphNode[];
  readonly edges: readonly (readonly [parent: string, child: string])[];
  readonly jobs: readonly JobRecord[];
}

/** A node of the graph widget for a job. @internal */
export function graphNode(job: JobRecord): JobGraphNode {
  const color =
    job.state === 'done' || job.state === 'failed' || job.state === 'started'
      ? STATE_COLORS[job.state]
      : STATE_COLORS.other;
  return {
    id: job.id,
    state: job.state,
    label: job.description,
    title: `<strong>${escapeHtml(job.description)}</strong><br/>${escapeHtml(job.functionName)}`,
    color,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
