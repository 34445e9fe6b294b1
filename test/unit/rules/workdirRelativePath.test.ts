import { workdirRelativePath } from '../../../server/src/engine/rules/workdirRelativePath';
import { ruleTests } from '../../support/ruleTester';

ruleTests(workdirRelativePath, {
  valid: [
    { name: "absolute", code: "FROM a\nWORKDIR /app\nWORKDIR sub\n" },
    { name: "quoted absolute", code: "FROM a\nWORKDIR \"/opt/app\"\n" },
    { name: "Windows drive (backtick escape)", code: "# escape=`\nFROM a\nWORKDIR C:\\app\n" },
    { name: "a variable", code: "FROM a\nWORKDIR $HOME/app\n" },
    { name: "inherited through FROM stage", code: "FROM a AS base\nWORKDIR /src\nFROM base\nWORKDIR build\n" },
  ],
  invalid: [
    { name: "relative first", code: "FROM a\nWORKDIR app/\n#       ^^^^ Relative workdir \"app/\" can have unexpected results if the base image changes\n", output: null },
  ],
});
