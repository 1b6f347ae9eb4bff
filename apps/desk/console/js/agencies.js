// Agency names from the router's directory (through desk), loaded once per page load; an id the
// directory does not know, or a directory that cannot be read, shows as the id.
import { api } from './api.js';

let loading;
const names = new Map();

export function loadAgencies() {
  loading ??= api
    .get('/api/v1/directories/agencies')
    .then((agencies) => {
      for (const agency of Array.isArray(agencies) ? agencies : []) names.set(agency.id, agency.shortName ?? agency.name ?? agency.id);
    })
    .catch(() => {
      loading = undefined;
    });
  return loading;
}

export function agencyName(id) {
  return id ? (names.get(id) ?? id) : id;
}
