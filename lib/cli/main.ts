// Entry point of `npm run -s cli -- ...`: runs the command, prints, exits with its status.
import { runCli } from "./run";

const result = await runCli(process.argv.slice(2));
process.stdout.write(result.out);
process.stderr.write(result.err);
process.exitCode = result.code;
