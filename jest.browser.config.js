/** `npm run test:browser`: only the real-browser journeys (Debian chromium + playwright-core). */
const { projects, ...global } = require("./jest.config.js");
module.exports = { ...global, projects: projects.filter((p) => p.displayName === "browser") };
