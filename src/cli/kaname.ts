import { Command, Option } from 'commander'
import { serveCommand } from './commands/serve.ts'
import { registerAdminCommands } from './commands/admin.ts'
import { registerStandardsCommands } from './commands/standards.ts'
import { registerAssessmentCommands } from './commands/assessments.ts'
import { registerDependencyCommands } from './commands/dependencies.ts'
import { registerAssetCommands } from './commands/assets.ts'
import { registerVulnerabilityCommands } from './commands/vulnerabilities.ts'
import { registerExposureCommands } from './commands/exposure.ts'

/** `kaname`: the same actions as the API, run against the database named by --db or KANAME_DATABASE_URL. */
const program = new Command()
  .name('kaname')
  .description('Kaname (要): critical-infrastructure cybersecurity platform')
  .showHelpAfterError()

program.command('serve')
  .description('run the platform (API, web app) on one port')
  .addOption(new Option('--db <url>', 'SQLite file or postgres:// URL').env('KANAME_DATABASE_URL'))
  .addOption(new Option('--port <n>', 'port').default('8080').env('PORT'))
  .addOption(new Option('--host <host>', 'address to listen on').default('0.0.0.0').env('KANAME_HOST'))
  .option('--demo', 'seed the demo dataset on first start and print its passwords')
  .option('--build-web', 'build the web app first if no build exists')
  .action(serveCommand)

registerAdminCommands(program)
registerStandardsCommands(program)
registerAssessmentCommands(program)
registerDependencyCommands(program)
registerAssetCommands(program)
registerVulnerabilityCommands(program)
registerExposureCommands(program)

await program.parseAsync(process.argv)
