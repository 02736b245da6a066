#!/usr/bin/env node
// The package's command. In a checkout the sources run through ts-node (never a stale build);
// where they are absent, the compiled CLI in dist/.
const fs = require("fs");
const path = require("path");
const source = path.join(__dirname, "..", "cli", "main.ts");
if (fs.existsSync(source)) {
    require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
    require(source);
} else {
    require(path.join(__dirname, "..", "dist", "cli", "main.js"));
}
