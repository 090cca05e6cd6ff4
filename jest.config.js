/**
 * `npm test` runs every suite in one jest run (one closing line for CI): the "unit" project (engine,
 * adapters, use-cases, components, LibreOffice checks) and the "browser" project (the preview in Debian
 * chromium via playwright-core). `npx jest --selectProjects unit` runs only the fast part.
 */
const transform = {
  "^.+\\.tsx?$": [
    "ts-jest",
    { isolatedModules: true, tsconfig: { jsx: "react-jsx", module: "commonjs", esModuleInterop: true, resolveJsonModule: true } },
  ],
};
const moduleNameMapper = {
  "^office-addin-manifest$": require.resolve("office-addin-manifest/lib/officeApp.js"),
};

const unit = {
  displayName: "unit",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "/test/browser/"],
  transform,
  moduleNameMapper,
};

const browser = {
  displayName: "browser",
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.test.ts"],
  transform,
  moduleNameMapper,
};

module.exports = {
  projects: [unit, browser],
  // The browser journey builds and drives a real page; unit tests finish far sooner.
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
