/** `--search-attribute Name=Type` flags for `temporal server start-dev`; filled by the engine's search attributes. */
export const SEARCH_ATTRIBUTE_FLAGS: string[] = [];
