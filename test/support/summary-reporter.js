// Prints the plain closing line CI's log reader knows ("N passed, N failed") as the very last line,
// after jest's own summary (which other reporters print later in the same tick).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`;
    process.on("exit", () => process.stdout.write(`\n${line}\n`));
  }
}
module.exports = SummaryReporter;
