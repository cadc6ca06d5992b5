import { readFileSync } from 'node:fs';
import { type Instruction, DockerfileParser, Env, ModifiableInstruction } from 'dockerfile-ast';
import { repoPath } from './repo-paths';

export interface DockerStep {
  keyword: string;
  flags: Record<string, string>;
  /** The arguments after the flags, as written (shell form or JSON). */
  text: string;
  args: string[];
  /** ENV only: the variables it sets. */
  env?: Record<string, string>;
}

export interface DockerStage {
  name: string | undefined;
  /** The base image with build ARG defaults substituted. */
  image: string;
  steps: DockerStep[];
}

export interface DockerfileModel {
  text: string;
  args: Record<string, string>;
  stages: DockerStage[];
}

const substitute = (value: string, args: Record<string, string>) =>
  value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => args[name] ?? whole);

function toStep(instruction: Instruction): DockerStep {
  const flags =
    instruction instanceof ModifiableInstruction
      ? Object.fromEntries(instruction.getFlags().map((flag) => [flag.getName(), flag.getValue() ?? '']))
      : {};
  const content = instruction.getArgumentsContent() ?? '';
  const step: DockerStep = {
    keyword: instruction.getKeyword(),
    flags,
    text: content.replace(/^(?:--[a-z-]+(?:=\S*)?\s+)*/, '').trim(),
    args: instruction.getArguments().map((argument) => argument.getValue()),
  };
  if (instruction instanceof Env) {
    step.env = Object.fromEntries(instruction.getProperties().map((property) => [property.getName(), property.getValue() ?? '']));
  }
  return step;
}

/** The repository's Dockerfile as stages of steps (dockerfile-ast does the parsing: continuations, comments, flags). */
export function readDockerfile(path = repoPath('Dockerfile')): DockerfileModel {
  const text = readFileSync(path, 'utf8');
  const parsed = DockerfileParser.parse(text);
  const args = Object.fromEntries(
    parsed.getInitialARGs().map((arg) => [arg.getProperty()!.getName(), arg.getProperty()!.getValue() ?? '']),
  );
  const stages: DockerStage[] = [];
  for (const instruction of parsed.getInstructions()) {
    const step = toStep(instruction);
    if (step.keyword === 'FROM') {
      const [image, as, name] = step.args;
      stages.push({ name: as?.toUpperCase() === 'AS' ? name : undefined, image: substitute(image, args), steps: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].steps.push(step);
    }
  }
  return { text, args, stages };
}

/** The JSON (exec) form of CMD, ENTRYPOINT or HEALTHCHECK CMD, or undefined for the shell form. */
export function execForm(text: string): string[] | undefined {
  const json = text.replace(/^CMD\s+/i, '');
  if (!json.startsWith('[')) return undefined;
  return JSON.parse(json) as string[];
}

export const finalStage = (model: DockerfileModel): DockerStage => model.stages[model.stages.length - 1];

export const stepsOf = (stage: DockerStage, keyword: string): DockerStep[] => stage.steps.filter((step) => step.keyword === keyword);
