import type { IpcResponse } from '../../shared/ipc/contract';

type ConfigurationProblem = NonNullable<IpcResponse<'app:get-info'>['configurationProblem']>;

/** An invalid IT policy stops the console: say which file and which field, and nothing else can be done. */
export function ConfigProblemScreen({ problem }: { problem: ConfigurationProblem }) {
  return (
    <main className="screen-center">
      <div className="card card-narrow stack" role="alert">
        <h1>Securus Console cannot start</h1>
        <p>The configuration set by your IT department is not valid. Contact IT and give them these details:</p>
        <dl className="facts">
          <dt>File</dt>
          <dd>
            <code>{problem.file}</code>
          </dd>
          <dt>Field</dt>
          <dd>
            <code>{problem.field}</code>
          </dd>
          <dt>Problem</dt>
          <dd>{problem.message}</dd>
        </dl>
      </div>
    </main>
  );
}
