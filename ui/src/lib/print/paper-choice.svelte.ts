// The paper last chosen on the Print page, which the Summary page's PDF
// follows; null until someone picks one.
import type { Paper } from './choices';

export const paperChoice: { paper: Paper | null } = $state({ paper: null });
