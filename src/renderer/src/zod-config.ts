import { z } from 'zod';

// Under the renderer's CSP (no 'unsafe-eval') zod's JIT probe `new Function('')` is refused and
// reported as a CSP violation even though zod catches it; jitless parsing never tries.
// Imported first by main.tsx so it runs before any schema parses.
z.config({ jitless: true });
