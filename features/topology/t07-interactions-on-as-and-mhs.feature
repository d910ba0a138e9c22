@TOP-T7 @hop:sds
Feature: T7. Provider interactions on MHS and AS records; consumers on AS only, never CMA
  A provider registers its interaction IDs on both MHS and AS records; a consumer-only system has them on its AS
  record only and is never CMA-registered, so the Endpoint query finds only providers (TOP-T7).

  Scenario Outline: The reference estate <estate> satisfies T7
    Given the shipped estate "<estate>"
    Then topology rule T7 passes

    Examples: reference estates
      | estate                |
      | consumer-shared-mhs   |
      | consumer-separate-mhs |
      | provider-shared-mhs   |
      | provider-separate-mhs |

  Scenario Outline: <estate> breaks T7 and no other rule
    Given the shipped estate "<estate>"
    Then topology rule T7 fails, naming the records that break it
    And every topology rule other than T7 passes

    Examples: invalid estates
      | estate                               |
      | t7-consumer-gpc-interactions-on-mhs  |
      | t7-consumer-cma-registered           |
      | t7-provider-interactions-on-mhs-only |

  @static
  Scenario: The estate under assessment satisfies T7
    Given the estate under assessment
    Then topology rule T7 passes
