@TOP-T5 @hop:sds
Feature: T5. At most one GP Connect provider system per organisation
  SDS holds at most one GP Connect provider system per organisation; several consumer systems may share one
  (TOP-T5).

  Scenario Outline: The reference estate <estate> satisfies T5
    Given the shipped estate "<estate>"
    Then topology rule T5 passes

    Examples: reference estates
      | estate                |
      | consumer-shared-mhs   |
      | consumer-separate-mhs |
      | provider-shared-mhs   |
      | provider-separate-mhs |

  Scenario Outline: <estate> breaks T5 and no other rule
    Given the shipped estate "<estate>"
    Then topology rule T5 fails, naming the records that break it
    And every topology rule other than T5 passes

    Examples: invalid estates
      | estate                                  |
      | t5-two-provider-systems-at-one-practice |

  @static
  Scenario: The estate under assessment satisfies T5
    Given the estate under assessment
    Then topology rule T5 passes
