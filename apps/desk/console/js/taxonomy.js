// The topic taxonomy, loaded once per page load.
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

export function topicLabel(code) {
  return names.get(code) ?? code;
}
