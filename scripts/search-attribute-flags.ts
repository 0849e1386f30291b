/** `--search-attribute Name=Type` flags for `temporal server start-dev`, from the engine's keys. */
import { SEARCH_ATTRIBUTE_CLI_TYPES, SEARCH_ATTRIBUTE_KEYS } from '../workflows/search-attributes';

export const SEARCH_ATTRIBUTE_FLAGS: string[] = SEARCH_ATTRIBUTE_KEYS.flatMap((k) => ['--search-attribute', `${k.name}=${SEARCH_ATTRIBUTE_CLI_TYPES[k.type]}`]);
