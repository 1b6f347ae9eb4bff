import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger } from '@otklik/platform';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findRepoRoot } from '../common/repo-root';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';

/** One topic of the two-level taxonomy. */
export interface TopicEntry {
  code: string;
  ru: string;
  en?: string;
}

/** A category (first level) with its topics. */
export interface CategoryEntry extends TopicEntry {
  topics: TopicEntry[];
}

interface TaxonomyFile {
  version: string;
  categories: CategoryEntry[];
}

/** The taxonomy file lives with the classifier that versions it; desk reads it, never writes it. */
const DEFAULT_RELATIVE = 'apps/classifier/src/taxonomy/taxonomy.v1.json';

/** Checks the shape of a taxonomy file and says where it is wrong. */
export function parseTaxonomy(text: string, source: string): TaxonomyFile {
  const data = JSON.parse(text) as Partial<TaxonomyFile>;
  if (typeof data.version !== 'string' || !Array.isArray(data.categories)) {
    throw new Error(`${source}: expected { version, categories[] }`);
  }
  for (const category of data.categories) {
    if (typeof category.code !== 'string' || typeof category.ru !== 'string' || !Array.isArray(category.topics)) {
      throw new Error(`${source}: category ${JSON.stringify(category.code)} needs code, ru and topics[]`);
    }
  }
  return data as TaxonomyFile;
}

/** Russian names of topic codes, for the console, search and Open311 services. */
@Injectable()
export class TaxonomyService {
  private readonly taxonomy: TaxonomyFile;
  private readonly names = new Map<string, string>();

  constructor(
    @Inject(DESK_CONFIG) config: DeskConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.taxonomy = this.load(config.taxonomyFile);
    for (const category of this.taxonomy.categories) {
      this.names.set(category.code, category.ru);
      for (const topic of category.topics) this.names.set(topic.code, topic.ru);
    }
  }

  get version(): string {
    return this.taxonomy.version;
  }

  categories(): CategoryEntry[] {
    return this.taxonomy.categories;
  }

  /** Whether a code is a category or a topic of the taxonomy. */
  isKnown(code: string): boolean {
    return this.names.has(code);
  }

  /** Russian name of a code, or the code itself when unknown. */
  label(code: string): string {
    return this.names.get(code) ?? code;
  }

  /** Russian names of the category and the topic a code belongs to (for search). */
  namesOf(code: string): string[] {
    const category = code.split('.')[0] ?? code;
    return [this.names.get(category), code !== category ? this.names.get(code) : undefined].filter((name): name is string => Boolean(name));
  }

  private load(configured: string | undefined): TaxonomyFile {
    const root = findRepoRoot(__dirname);
    const path = configured ? resolve(configured) : root && join(root, DEFAULT_RELATIVE);
    if (!path || !existsSync(path)) {
      if (configured) throw new Error(`DESK_TAXONOMY_FILE: no file at ${path}`);
      this.logger.warn('topic taxonomy not found: topics are shown by code; set DESK_TAXONOMY_FILE');
      return { version: 'none', categories: [] };
    }
    return parseTaxonomy(readFileSync(path, 'utf8'), path);
  }
}
