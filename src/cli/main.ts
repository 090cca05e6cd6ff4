/** `dti` command line: the same use-cases as the add-in, over .xlsx files. */
function main(argv: readonly string[]): number {
  const [command] = argv;
  if (command === undefined || command === "help" || command === "--help") {
    console.log("dti <sets|validate|rank|demo> ...");
    return 0;
  }
  console.error(`dti: unknown command "${command}". Try: dti help`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
