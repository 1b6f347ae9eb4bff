import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { buildEventSchemas } from './json-schema';
import { TERRITORY_PATTERN_RULES } from './territory-code';

/**
 * Validators compiled from the JSON Schemas that the class-validator decorators generate. The
 * classes stay the single definition of every event; compiling them once makes validation cheap
 * enough for the hot path (a few microseconds per event instead of hundreds).
 */
let validators: Map<string, ValidateFunction> | undefined;

function compileAll(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return new Map(Object.entries(buildEventSchemas()).map(([topic, schema]) => [topic, ajv.compile(schema)]));
}

/** The compiled validator of the envelope and payload on `topic`, or undefined off-catalogue. */
export function validatorFor(topic: string): ValidateFunction | undefined {
  validators ??= compileAll();
  return validators.get(topic);
}

/** `path: message` for each bad field, the path dotted like the classes' properties. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): string[] {
  const byPath = new Map<string, Set<string>>();
  // oneOf/anyOf only say that no branch matched; their branches' messages name what was wanted.
  for (const error of (errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf')) {
    const [path, message] = describeOne(error);
    byPath.set(path, (byPath.get(path) ?? new Set()).add(message));
  }
  return [...byPath].map(([path, messages]) => `${path}: ${[...messages].join(' or ')}`);
}

function describeOne(error: ErrorObject): [string, string] {
  const path = error.instancePath.split('/').slice(1).join('.');
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return [path ? `${path}.${missing}` : missing, 'is required'];
    }
    case 'const':
      return [path, `must be ${String((error.params as { allowedValue: unknown }).allowedValue)}`];
    case 'enum':
      return [path, `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`];
    case 'pattern': {
      const rule = TERRITORY_PATTERN_RULES.get((error.params as { pattern: string }).pattern);
      return [path, rule ? `must be ${rule}` : (error.message ?? error.keyword)];
    }
    default:
      return [path, error.message ?? error.keyword];
  }
}
