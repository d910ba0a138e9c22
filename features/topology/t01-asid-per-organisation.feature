@TOP-T1 @hop:sds
Feature: T1. Each system has its own ASID at each organisation using it
  One system at three organisations has three ASIDs; two consumer systems at one organisation have two;
  a shared or regional portal has one ASID per organisation using it (TOP-T1).

  Scenario Outline: The reference estate <estate> satisfies T1
    Given the shipped estate "<estate>"
    Then topology rule T1 passes

    Examples: reference estates
      | estate                |
      | consumer-shared-mhs   |
      | consumer-separate-mhs |
      | provider-shared-mhs   |
      | provider-separate-mhs |

  Scenario Outline: <estate> breaks T1 and no other rule
    Given the shipped estate "<estate>"
    Then topology rule T1 fails, naming the records that break it
    And every topology rule other than T1 passes

    Examples: invalid estates
      | estate                                 |
      | t1-portal-organisations-share-one-asid |
      | t1-two-consumer-systems-one-asid       |

  @static
  Scenario: The estate under assessment satisfies T1
    Given the estate under assessment
    Then topology rule T1 passes
