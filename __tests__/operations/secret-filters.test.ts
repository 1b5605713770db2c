/** The word splitting behind the `description`, `owning-service` and `all` filters (aws-api-facts.md §5.10). */
import { splitWords } from "secrets-manager-mock/operations/secret-filters";

describe("splitWords", () => {
  test.each<[string, string[]]>([
    ["SecretOne", ["Secret", "One"]],
    ["COMPANYthings", ["COMPAN", "Ythings"]],
    ["a secret", ["a", "secret"]],
    ["testing1/one-1", ["testing1/one-1"]],
    ["prod/app/db", ["prod", "app", "db"]],
    ["prod-app-db", ["prod", "app", "db"]],
    ["my_secretValue", ["my", "secret", "Value"]],
    ["+", []],
    ["/", []],
    ["plain", ["plain"]],
  ])("%s → %j", (text, words) => {
    expect(splitWords(text)).toEqual(words);
  });
});
