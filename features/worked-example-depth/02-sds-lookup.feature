@hop:sds
Feature: 2+. SDS lookup in depth
  SDS's own refusals (facts §5.2), and an Endpoint that is the root of the capability asked for (T11).

  Background:
    Given the registered patient's practice has been traced on PDS

  @WE-2e
  Scenario Outline: SDS refuses <probe> with <status> <code>
    When the consumer sends SDS <probe>
    Then SDS answers <status> with the code <code>

    Examples:
      | probe                                        | status | code               |
      | an Endpoint search with only an organization | 400    | BAD_REQUEST        |
      | a path that is no SDS resource               | 404    | NOT_FOUND          |
      | a POST to Endpoint                           | 405    | METHOD_NOT_ALLOWED |
      | an Accept of text/html                       | 406    | NOT_ACCEPTABLE     |

  @WE-2f
  Scenario Outline: The Endpoint for <interaction> is the root of its capability
    When the consumer looks up the practice's Endpoint for <interaction>
    Then the Endpoint's address is the root of that interaction's capability

    Examples:
      | interaction             |
      | "search free slots"     |
      | "read metadata"         |
      | "get structured record" |
