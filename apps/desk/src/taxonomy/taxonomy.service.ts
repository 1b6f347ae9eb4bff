import { Injectable } from '@nestjs/common';
import { TAXONOMY, type CategoryDefinition } from '@otklik/reference';

/** Russian names of topic codes, for the console, search and Open311 services. */
@Injectable()
export class TaxonomyService {
  private readonly taxonomy = TAXONOMY;

  get version(): string {
    return this.taxonomy.version;
  }

  categories(): readonly CategoryDefinition[] {
    return this.taxonomy.categories;
  }

  /** Whether a code is a category or a topic of the taxonomy. */
  isKnown(code: string): boolean {
    return this.taxonomy.isKnown(code);
  }

  /** Russian name of a code, or the code itself when unknown. */
  label(code: string): string {
    return this.taxonomy.nameOf(code);
  }

  /** Russian names of the category and the topic a code belongs to (for search). */
  namesOf(code: string): string[] {
    const category = code.split('.')[0] ?? code;
    const codes = code !== category ? [category, code] : [category];
    return codes.filter((c) => this.taxonomy.isKnown(c)).map((c) => this.taxonomy.nameOf(c));
  }
}
