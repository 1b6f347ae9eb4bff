/**
 * Topic codes come from the two-level taxonomy of `@otklik/reference` (`housing.heating`). A pattern names
 * a topic or a whole category (`housing` covers `housing.heating`); `*` covers every topic.
 */
export function topicCovers(pattern: string, topicCode: string): boolean {
  return pattern === '*' || pattern === topicCode || topicCode.startsWith(`${pattern}.`);
}

/** How specific a pattern is: 0 for `*`, 1 for a category, 2 for a topic. */
export function topicSpecificity(pattern: string): number {
  return pattern === '*' ? 0 : pattern.split('.').length;
}

/** The category of a topic code (`housing.heating` → `housing`). */
export function categoryOf(topicCode: string): string {
  const dot = topicCode.indexOf('.');
  return dot < 0 ? topicCode : topicCode.slice(0, dot);
}

/** Topic code syntax: a category, or category.topic, in lower case. */
export const TOPIC_PATTERN = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?)$/;
