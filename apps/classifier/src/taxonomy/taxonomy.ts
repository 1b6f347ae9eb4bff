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

export interface TaxonomyData {
  readonly version: string;
  readonly categories: readonly CategoryDefinition[];
}

/** Otklik's two-level topic taxonomy, loaded from versioned data. */
export class Taxonomy {
  private readonly categoryByTopic = new Map<string, string>();
  readonly categoryCodes: readonly string[];
  readonly topicCodes: readonly string[];

  constructor(readonly data: TaxonomyData) {
    for (const category of data.categories) {
      for (const topic of category.topics) {
        if (!topic.code.startsWith(`${category.code}.`)) throw new Error(`taxonomy topic "${topic.code}" is not under "${category.code}"`);
        if (this.categoryByTopic.has(topic.code)) throw new Error(`taxonomy topic "${topic.code}" is listed twice`);
        this.categoryByTopic.set(topic.code, category.code);
      }
    }
    this.categoryCodes = data.categories.map((c) => c.code);
    this.topicCodes = [...this.categoryByTopic.keys()];
  }

  get version(): string {
    return this.data.version;
  }

  hasTopic(code: string): boolean {
    return this.categoryByTopic.has(code);
  }

  hasCategory(code: string): boolean {
    return this.categoryCodes.includes(code);
  }

  /** The category a topic belongs to; throws for a code the taxonomy does not know. */
  categoryOf(topic: string): string {
    const category = this.categoryByTopic.get(topic);
    if (category === undefined) throw new Error(`unknown topic "${topic}" in taxonomy ${this.version}`);
    return category;
  }
}

/** The taxonomy this build of the classifier uses. */
export const TAXONOMY = new Taxonomy(data);
