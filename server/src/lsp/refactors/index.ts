import { convertRefactor } from './convertToMultiStage';
import { mountCredentialsRefactor } from './mountToolCredentials';
import { reorderRefactor } from './reorderForCache';
import type { Refactor } from './types';

export type { Refactor, RefactorOffer, RefactorRequest } from './types';

/** Every refactor offered on its own, in the order the menu lists them; adding one is a file and a line here. */
export const REFACTORS: readonly Refactor[] = [convertRefactor, reorderRefactor, mountCredentialsRefactor];
