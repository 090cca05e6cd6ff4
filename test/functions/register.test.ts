/**
 * Registration of the DTI.* functions (src/functions/register.ts): associate at load when Excel's
 * CustomFunctions runtime is there, after Office.onReady when only office.js is, and nothing (no
 * throw) outside Excel. Importing functions.ts in node must not throw either (no runtime here).
 */
import {
  registerFunctions,
  type Registrable,
  type RuntimeGlobals,
} from "../../src/functions/register";

const fns: Record<string, Registrable> = { A: () => 1, B: () => 2 };

test("associates every id at once when CustomFunctions is defined", () => {
  const seen: [string, Registrable][] = [];
  const r = registerFunctions(fns, {
    CustomFunctions: { associate: (id, fn) => void seen.push([id, fn]) },
  });
  expect(r).toBe("registered");
  expect(seen).toEqual([
    ["A", fns["A"]],
    ["B", fns["B"]],
  ]);
});

test("waits for Office.onReady when office.js is there but CustomFunctions is not yet", async () => {
  const seen: string[] = [];
  const globals: RuntimeGlobals = {
    Office: {
      onReady: (cb) => {
        globals.CustomFunctions = { associate: (id) => void seen.push(id) };
        return Promise.resolve().then(() => cb?.());
      },
    },
  };
  expect(registerFunctions(fns, globals)).toBe("waiting-for-office");
  await Promise.resolve();
  await Promise.resolve();
  expect(seen).toEqual(["A", "B"]); // once, though both the callback and the promise fire
});

test("outside Excel: nothing registered, nothing thrown", () => {
  expect(registerFunctions(fns, {})).toBe("no-runtime");
  expect(registerFunctions(fns, { CustomFunctions: {} })).toBe("no-runtime");
  expect(
    registerFunctions(fns, {
      Office: {
        onReady: () => {
          throw new Error("not in Office");
        },
      },
    })
  ).toBe("no-runtime");
});

test("loading functions.ts without Excel's runtime does not throw", () => {
  expect(typeof CustomFunctions).toBe("undefined");
  jest.isolateModules(() => {
    expect(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load of the module
      require("../../src/functions/functions");
    }).not.toThrow();
  });
});
