@TOP-T8 @hop:sds
Feature: T8. Consumers share a party key only on a shared MHS
  Consumer organisations on one shared MHS may share its party key; consumers on separate MHSs each have their
  own; ASIDs stay per organisation (TOP-T8).

  Scenario Outline: The reference estate <estate> satisfies T8
    Given the shipped estate "<estate>"
    Then topology rule T8 passes

    Examples: reference estates
      | estate                |
      | consumer-shared-mhs   |
      | consumer-separate-mhs |
      | provider-shared-mhs   |
      | provider-separate-mhs |

  Scenario Outline: <estate> breaks T8 and no other rule
    Given the shipped estate "<estate>"
    Then topology rule T8 fails, naming the records that break it
    And every topology rule other than T8 passes

    Examples: invalid estates
      | estate                                    |
      | t8-separate-mhs-consumers-share-party-key |

  @static
  Scenario: The estate under assessment satisfies T8
    Given the estate under assessment
    Then topology rule T8 passes
