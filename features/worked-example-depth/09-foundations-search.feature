@hop:provider
Feature: 9+. Foundations searches
  Find practitioner by SDS user id and find organisation by ODS code (AM-FND-SEARCH; Location has a read but
  no search): the ones the journey met are found, an identifier nobody has is no error but an empty
  searchset, and the identifier parameter is given with a system the search knows.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    And the consumer has found a free slot

  @AM-FND-SEARCH
  Scenario Outline: Searching for the <type> the journey met by its identifier finds it
    When the consumer searches for the <type> the journey met by its identifier
    Then the searchset holds exactly the <type> the journey met

    Examples:
      | type         |
      | Practitioner |
      | Organization |

  @AM-FND-SEARCH-EMPTY
  Scenario Outline: Searching for a <type> with an identifier nobody has answers an empty searchset
    When the consumer searches for a <type> with an identifier nobody has
    Then the provider's answer is 200 searchset
    And the searchset is empty

    Examples:
      | type         |
      | Practitioner |
      | Organization |

  @AM-FND-SEARCH-PARAMS
  Scenario Outline: Searching for a <type> with <probe> answers <status> <code>
    When the consumer searches for a <type> with <probe>
    Then the provider's answer is <status> <code>

    Examples:
      | type         | probe                        | status | code                      |
      | Practitioner | an unknown identifier system | 400    | INVALID_IDENTIFIER_SYSTEM |
      | Organization | an unknown identifier system | 400    | INVALID_IDENTIFIER_SYSTEM |
      | Practitioner | no identifier                | 400    | BAD_REQUEST               |
      | Organization | no identifier                | 400    | BAD_REQUEST               |
