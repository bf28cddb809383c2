import { type z } from 'zod';

/** Zod issues as one readable line: `field.path: message; other: message`. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      // Unknown-key issues name their keys in the message already, and their path is the parent.
      if (issue.code === 'unrecognized_keys') return issue.message;
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}
