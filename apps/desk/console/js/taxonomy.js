// The taxonomy of categories and topics, loaded once per page load.
import { api } from './api.js';

let loading;
const names = new Map();

export function loadTaxonomy() {
  loading ??= api.get('/api/v1/taxonomy').then((taxonomy) => {
    for (const category of taxonomy.categories) {
      names.set(category.code, category.ru);
      for (const topic of category.topics) names.set(topic.code, topic.ru);
    }
    return taxonomy;
  });
  return loading;
}

/** Russian name of a category's or a topic's code, or the code itself when the taxonomy does not know it. */
export function taxonomyName(code) {
  return names.get(code) ?? code;
}
