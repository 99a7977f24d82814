#!/usr/bin/env node
// The `jalon` command runs the TypeScript sources directly (internal packages export .ts).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
