@hop:provider
Feature: 4+. Search for free slots in depth
  The slot search rules of AM-SLOT-* and the provider-assurance oracles: the 14-day window, the parameter
  rules, searchFilter, _include, and a Bundle that holds only what it should.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  @AM-SLOT-RANGE
  Scenario Outline: A <days>-day range answers <status> <answer>
    When the consumer searches for free slots from today over <days> days
    Then the provider's answer is <status> <answer>

    Examples:
      | days | status | answer            |
      | 0    | 200    | searchset         |
      | 8    | 200    | searchset         |
      | 14   | 200    | searchset         |
      | 15   | 422    | INVALID_PARAMETER |
      | 31   | 422    | INVALID_PARAMETER |
      | -1   | 422    | INVALID_PARAMETER |

  @AM-SLOT-PARAMS
  Scenario Outline: A search with <probe> answers <status> <code>
    When the consumer searches for free slots with <probe>
    Then the provider's answer is <status> <code>

    Examples:
      | probe                          | status | code              |
      | no start                       | 400    | BAD_REQUEST       |
      | no end                         | 400    | BAD_REQUEST       |
      | no status                      | 400    | BAD_REQUEST       |
      | status busy                    | 422    | INVALID_PARAMETER |
      | start prefix gt                | 422    | INVALID_PARAMETER |
      | start prefix ne                | 422    | INVALID_PARAMETER |
      | end prefix lt                  | 422    | INVALID_PARAMETER |
      | a start time without an offset | 422    | INVALID_PARAMETER |
      | a start time in Z              | 422    | INVALID_PARAMETER |

  @AM-SLOT-FILTER
  Scenario Outline: A search with <filter> still finds the practice's slots
    When the consumer searches for free slots with <filter>
    Then the provider's answer is 200 searchset
    And the slot Bundle holds at least one Slot

    Examples:
      | filter                       |
      | the ODS code filter          |
      | the organisation type filter |
      | both filters                 |
      | no filter                    |
      | an unknown filter system     |

  @AM-SLOT-INCLUDE
  Scenario Outline: With <includes> the Bundle holds <types>
    When the consumer searches for free slots with <includes>
    Then the slot Bundle holds exactly the types <types>

    Examples:
      | includes                      | types                                                 |
      | all recurse includes          | Slot, Schedule, Practitioner, Location, Organization  |
      | no recurse includes           | Slot, Schedule, Organization                          |
      | only the Practitioner include | Slot, Schedule, Practitioner, Organization            |
      | only the Location include     | Slot, Schedule, Location, Organization                |

  @AM-SLOT-CONTENT
  Scenario: The Bundle holds only slot-search resources, each reference resolving inside it
    When the consumer searches for free slots with all recurse includes
    Then the slot Bundle holds at least one Slot
    And the slot Bundle holds only slot-search resource types
    And every reference in the slot Bundle resolves inside it

  @AM-SLOT-EMPTY
  Scenario: A window with no free slots answers an empty searchset
    When the consumer searches for free slots in the first minute of tomorrow
    Then the provider's answer is 200 searchset
    And the searchset is empty
