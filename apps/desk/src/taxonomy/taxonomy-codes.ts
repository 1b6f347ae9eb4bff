/** A topic's code in the taxonomy: category, dot, topic (`housing.heating`). */
export const TOPIC_CODE = /^[a-z_]+\.[a-z_]+$/;

/** A category's code in the taxonomy (`housing`). */
export const CATEGORY_CODE = /^[a-z_]+$/;
