@TOP-T9 @hop:sds
Feature: T9. A provider-and-consumer system uses one ASID and party key for both roles
  A system acting as both provider and consumer registers one ASID and one party key per organisation and uses
  them for both roles (TOP-T9).

  Scenario Outline: The reference estate <estate> satisfies T9
    Given the shipped estate "<estate>"
    Then topology rule T9 passes

    Examples: reference estates
      | estate                |
      | consumer-shared-mhs   |
      | consumer-separate-mhs |
      | provider-shared-mhs   |
      | provider-separate-mhs |

  Scenario Outline: <estate> breaks T9 and no other rule
    Given the shipped estate "<estate>"
    Then topology rule T9 fails, naming the records that break it
    And every topology rule other than T9 passes

    Examples: invalid estates
      | estate                             |
      | t9-both-roles-different-party-keys |

  @static
  Scenario: The estate under assessment satisfies T9
    Given the estate under assessment
    Then topology rule T9 passes
