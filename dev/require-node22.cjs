// Plain CommonJS so that any Node runs it: the project's own scripts are TypeScript that only
// Node 22.18+ runs directly (older ones fail with ERR_UNKNOWN_FILE_EXTENSION). One sentence, exit 1.
'use strict';
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `This project needs Node.js 22.18 or newer (this is ${process.version}): run \`. dev/use-node22.sh\` or \`nvm use\` (see .nvmrc), then try again.`,
  );
  process.exit(1);
}
