/** Real-browser journeys: Debian chromium driven by playwright-core against the preview build. */
const base = require("./jest.config.js");
module.exports = {
  ...base,
  testPathIgnorePatterns: ["/node_modules/"],
  testMatch: ["**/test/browser/**/*.test.ts"],
  testTimeout: 60000,
};
