import data from './taxonomy.v1.json';

/** A second-level topic, e.g. `housing.heating`. */
export interface TopicDefinition {
  readonly code: string;
  readonly en: string;
  readonly ru: string;
}

/** A first-level category, e.g. `housing`, with its topics. */
export interface CategoryDefinition extends TopicDefinition {
  readonly topics: readonly TopicDefinition[];
}

/** A taxonomy as its versioned data file holds it. */
export interface TaxonomyData {
  readonly version: string;
  readonly categories: readonly CategoryDefinition[];
}

/** Languages the taxonomy names its codes in. */
export type TaxonomyLocale = 'ru' | 'en';

/** Otklik's two-level topic taxonomy, loaded from versioned data. */
export class Taxonomy {
  private readonly categoryByTopic = new Map<string, string>();
  private readonly definitions = new Map<string, TopicDefinition>();
  /** Category codes, in the data's order. */
  readonly categoryCodes: readonly string[];
  /** Topic codes, in the data's order. */
  readonly topicCodes: readonly string[];

  constructor(readonly data: TaxonomyData) {
    for (const category of data.categories) {
      this.definitions.set(category.code, category);
      for (const topic of category.topics) {
        if (!topic.code.startsWith(`${category.code}.`)) throw new Error(`taxonomy topic "${topic.code}" is not under "${category.code}"`);
        if (this.categoryByTopic.has(topic.code)) throw new Error(`taxonomy topic "${topic.code}" is listed twice`);
        this.categoryByTopic.set(topic.code, category.code);
        this.definitions.set(topic.code, topic);
      }
    }
    this.categoryCodes = data.categories.map((c) => c.code);
    this.topicCodes = [...this.categoryByTopic.keys()];
  }

  /** The data's version, e.g. `taxonomy-1`; classifications and models record it. */
  get version(): string {
    return this.data.version;
  }

  /** The categories with their topics, in the data's order. */
  get categories(): readonly CategoryDefinition[] {
    return this.data.categories;
  }

  /** Whether a code is a topic (second level) of the taxonomy. */
  hasTopic(code: string): boolean {
    return this.categoryByTopic.has(code);
  }

  /** Whether a code is a category (first level) of the taxonomy. */
  hasCategory(code: string): boolean {
    return this.categoryCodes.includes(code);
  }

  /** Whether a code is a category or a topic of the taxonomy. */
  isKnown(code: string): boolean {
    return this.definitions.has(code);
  }

  /** The category a topic belongs to; throws for a code the taxonomy does not know. */
  categoryOf(topic: string): string {
    const category = this.categoryByTopic.get(topic);
    if (category === undefined) throw new Error(`unknown topic "${topic}" in taxonomy ${this.version}`);
    return category;
  }

  /** The name of a category or topic code in a language (Russian by default); the code itself when the taxonomy does not know it. */
  nameOf(code: string, locale: TaxonomyLocale = 'ru'): string {
    return this.definitions.get(code)?.[locale] ?? code;
  }
}

/** The taxonomy every service of this build uses. */
export const TAXONOMY = new Taxonomy(data);
