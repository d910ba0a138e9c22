@hop:provider
Feature: 5+. Find a patient in depth
  Not found is no error, and sensitive or deceased patients are never returned (AM-PAT-HIDDEN); the identifier
  parameter is given once, in lower case, with a system and a value.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  @AM-PAT-HIDDEN
  Scenario Outline: Searching for the <role> patient answers an empty searchset
    When the consumer searches the provider for the <role> patient
    Then the provider's answer is 200 searchset
    And the searchset is empty

    Examples:
      | role       |
      | unknown    |
      | deceased   |
      | restricted |

  @AM-PAT-PARAMS
  Scenario Outline: A search with <probe> answers <status> <code>
    When the consumer searches the provider for the patient with <probe>
    Then the provider's answer is <status> <code>

    Examples:
      | probe                            | status | code              |
      | no identifier                    | 400    | BAD_REQUEST       |
      | a mis-cased Identifier parameter | 400    | BAD_REQUEST       |
      | two identifiers                  | 400    | BAD_REQUEST       |
      | a blank system                   | 422    | INVALID_PARAMETER |
      | no system                        | 422    | INVALID_PARAMETER |
      | an empty value                   | 422    | INVALID_PARAMETER |
