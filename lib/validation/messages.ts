import * as z from 'zod/mini';

const UNITS: Record<string, string> = { string: 'characters', array: 'items', set: 'items', map: 'entries' };

/** A bound such as "at least 3 characters" or "at most 100". */
function bound(issue: { origin?: string; exact?: boolean; inclusive?: boolean }, limit: unknown, small: boolean): string {
  const unit = UNITS[issue.origin ?? ''];
  const relation = issue.exact ? 'exactly' : small ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
  return `${relation} ${String(limit)}${unit ? ` ${unit}` : ''}`;
}

/** English texts for the issues our schemas raise. */
function message(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Expected ${issue.expected}, got ${z.core.util.parsedType(issue.input)}`;
    case 'invalid_value':
      return `Expected ${issue.values.length === 1 ? '' : 'one of '}${z.core.util.joinValues(issue.values, ', ')}`;
    case 'too_small':
      return `Too small: expected ${bound(issue, issue.minimum, true)}`;
    case 'too_big':
      return `Too big: expected ${bound(issue, issue.maximum, false)}`;
    case 'invalid_format':
      if (issue.format === 'regex') return `Does not match ${String(issue.pattern)}`;
      if (issue.format === 'starts_with') return `Must start with "${String(issue.prefix)}"`;
      return `Not a valid ${issue.format === 'url' ? 'URL' : issue.format}`;
    case 'unrecognized_keys':
      return `Unknown ${issue.keys.length === 1 ? 'key' : 'keys'}: ${issue.keys.join(', ')}`;
    default:
      return 'Invalid value';
  }
}

/**
 * zod/mini ships no message texts ("Invalid input" for everything) and zod's English locale
 * covers dozens of formats we never use; modules that show a validation error to a person
 * import this first, so these texts are set everywhere.
 */
z.config({ localeError: message });
