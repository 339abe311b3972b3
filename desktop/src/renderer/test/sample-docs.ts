// One valid document per collection for desktop tests: the shared fixtures, typed as the desktop's docs.
import { sampleDocs as shared } from '@app/shared/fixtures';
import type { DocTypes } from '../data/database';

export const sampleDocs: { [N in keyof DocTypes]: DocTypes[N] } = shared;
