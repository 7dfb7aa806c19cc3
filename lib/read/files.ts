/** How project-derived values are shown inside a one-line message. */

/** A value shown on one line inside a message, whatever control characters it holds. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
