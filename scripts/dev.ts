// Run the CLI from source without building: `npm run dev -- check-photo photo.jpg`.
import { main } from '../src/cli/main.js';

await main();
