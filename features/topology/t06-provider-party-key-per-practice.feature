@TOP-T6 @hop:sds
Feature: T6. A provider has one party key and ASID per practice, CMA-registered
  Provider systems (provider-and-consumer ones too) register one unique party key and ASID per practice as a
  CMA endpoint: 1:1 AS and MHS records, one MHS record per (ASID, interaction), on a shared or separate MHS
  (TOP-T6).

  Scenario Outline: The reference estate <estate> satisfies T6
    Given the shipped estate "<estate>"
    Then topology rule T6 passes

    Examples: reference estates
      | estate                |
      | consumer-shared-mhs   |
      | consumer-separate-mhs |
      | provider-shared-mhs   |
      | provider-separate-mhs |

  Scenario Outline: <estate> breaks T6 and no other rule
    Given the shipped estate "<estate>"
    Then topology rule T6 fails, naming the records that break it
    And every topology rule other than T6 passes

    Examples: invalid estates
      | estate                                 |
      | t6-one-party-key-for-three-practices   |
      | t6-provider-not-cma                    |
      | t6-two-mhs-records-for-one-interaction |

  @static
  Scenario: The estate under assessment satisfies T6
    Given the estate under assessment
    Then topology rule T6 passes
