import { definePackageBuild } from '../../tsup.shared.ts';

export default definePackageBuild({ index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' });
