import { duplicateStageName } from '../../../server/src/engine/rules/duplicateStageName';
import { ruleTests } from '../../support/ruleTester';

ruleTests(duplicateStageName, {
  valid: [
    { name: "distinct names", code: "FROM a AS one\nFROM a AS two\n" },
  ],
  invalid: [
    { name: "same name in another case", code: "FROM a AS base\nFROM a AS Base\n#         ^^^^ Duplicate stage name \"base\", stage names should be unique\n", output: null },
  ],
});
