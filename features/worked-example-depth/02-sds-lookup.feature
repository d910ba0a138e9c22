@hop:sds
Feature: 2+. SDS lookup in depth
  SDS's own refusals (WE-2e), and an Endpoint that is the root of the capability asked for (T11).

  Background:
    Given the registered patient's practice has been traced on PDS

  # The SDS specification names a status for each refusal but no code: any code of Spine-ErrorOrWarningCode
  # will do, and the evidence records which one came. Each probe breaks one rule of an honest search.
  @WE-2e
  Scenario Outline: SDS refuses <probe> with <status>
    When the consumer sends SDS <probe>
    Then SDS answers <status> with a code of Spine-ErrorOrWarningCode

    Examples:
      | probe                                        | status |
      | an Endpoint search with only an organization | 400    |
      | a path that is no SDS resource               | 404    |
      | a POST to Endpoint                           | 405    |
      | an Accept of text/html                       | 406    |

  @WE-2e
  Scenario: SDS's 405 says which method it allows
    When the consumer sends SDS a POST to Endpoint
    Then SDS answers 405 with a code of Spine-ErrorOrWarningCode
    And SDS's Allow header names GET

  @WE-2i
  Scenario: SDS matches interaction IDs exactly
    When the consumer sends SDS an Endpoint search for part of an interaction ID
    Then SDS answers 200 with a searchset of no Endpoint

  @WE-2f
  Scenario Outline: The Endpoint for <interaction> is the root of its capability
    When the consumer looks up the practice's Endpoint for <interaction>
    Then the Endpoint's address is the root of that interaction's capability

    Examples:
      | interaction             |
      | "search free slots"     |
      | "read metadata"         |
      | "get structured record" |
