/** Unit, engine, adapter and component tests. Browser journeys live in jest.browser.config.js. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "/test/browser/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true, tsconfig: { jsx: "react-jsx", module: "commonjs", esModuleInterop: true, resolveJsonModule: true } }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": require.resolve("office-addin-manifest/lib/officeApp.js"),
  },
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
