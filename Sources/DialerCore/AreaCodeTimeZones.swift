/// The time zones of US and Canadian area codes (NPAs), for calling hours in the called
/// party's local time (47 CFR 64.1200(c)(1): 08:00–21:00 local). An area code that spans
/// several zones lists all of them (a Florida panhandle number may be in Central or Eastern
/// time), and a caller should treat its window as open only when it is open in every one.
/// Daylight saving comes from the system's time zone database through these identifiers
/// (Arizona's `America/Phoenix` and Hawaii's `Pacific/Honolulu` have none).
public enum AreaCodeTimeZones {
    /// The zone identifiers of an area code, or nil when the table does not know it.
    public static func zones(of areaCode: Int) -> [String]? { table[areaCode] }

    /// Every area code the table knows.
    public static var knownAreaCodes: [Int] { table.keys.sorted() }

    private static let eastern = "America/New_York"
    private static let central = "America/Chicago"
    private static let mountain = "America/Denver"
    private static let pacific = "America/Los_Angeles"

    private static let table: [Int: [String]] = {
        var t: [Int: [String]] = [:]
        func put(_ zones: [String], _ codes: [Int]) { for code in codes { t[code] = zones } }
        // United States, Eastern.
        put(
            [eastern],
            [
                201, 202, 203, 207, 212, 215, 216, 220, 223, 229, 234, 239, 240, 248, 252, 260, 267, 272, 276, 283, 301, 302, 304,
                305, 313, 315, 317, 321, 326, 330, 332, 339, 347, 351, 352, 380, 386, 401, 404, 407, 410, 412, 413, 419, 423, 434,
                440, 443, 445, 463, 470, 475, 478, 484, 502, 508, 513, 516, 517, 518, 540, 551, 561, 567, 570, 571, 574, 582, 585,
                586, 603, 606, 607, 609, 610, 614, 616, 617, 631, 640, 646, 667, 678, 680, 681, 689, 703, 704, 706, 716, 717, 718,
                724, 727, 732, 734, 740, 743, 754, 757, 762, 765, 770, 772, 774, 781, 786, 802, 803, 804, 810, 813, 814, 826, 828,
                835, 838, 839, 843, 845, 848, 854, 856, 857, 859, 860, 862, 863, 864, 865, 878, 904, 908, 910, 914, 917, 919, 929,
                930, 934, 937, 941, 943, 947, 948, 954, 959, 973, 978, 980, 984, 989, 363, 448, 472, 557, 679, 686, 729, 753, 771,
            ])
        // United States, Central.
        put(
            [central],
            [
                205, 210, 214, 217, 218, 224, 225, 228, 251, 254, 256, 262, 274, 281, 309, 312, 314, 316, 318, 319, 320, 325, 327,
                331, 334, 337, 346, 361, 364, 402, 405, 409, 414, 417, 430, 432, 447, 469, 479, 501, 504, 507, 512, 515, 531, 534,
                539, 563, 572, 573, 580, 601, 608, 612, 615, 618, 629, 630, 636, 641, 651, 659, 660, 662, 682, 708, 712, 713, 715,
                726, 730, 731, 737, 763, 769, 773, 779, 806, 815, 816, 817, 830, 832, 847, 861, 870, 872, 901, 903, 913, 918, 920,
                936, 938, 940, 945, 952, 956, 972, 975, 979, 985, 270, 219, 931, 659, 945,
            ])
        // Split between Central and Eastern.
        put([central, eastern], [850, 812, 906])
        // Split between Central and Mountain.
        put([central, mountain], [308, 605, 620, 701, 785])
        // United States, Mountain.
        put([mountain], [303, 307, 385, 406, 435, 505, 575, 719, 720, 801, 915, 970, 983])
        // Split between Mountain and Pacific.
        put([mountain, pacific], [208, 986, 458, 541])
        // Arizona keeps standard time all year, but the Navajo Nation (in 928) follows daylight saving.
        put(["America/Phoenix"], [480, 520, 602, 623])
        put(["America/Phoenix", mountain], [928])
        // United States, Pacific.
        put(
            [pacific],
            [
                206, 209, 213, 253, 279, 310, 323, 341, 350, 360, 369, 408, 415, 424, 425, 442, 503, 509, 510, 530, 559, 562, 564,
                619, 626, 628, 650, 657, 661, 669, 702, 707, 714, 725, 747, 760, 775, 805, 818, 820, 831, 840, 858, 909, 916, 925,
                949, 951, 971,
            ])
        put(["America/Anchorage"], [907])
        put(["Pacific/Honolulu"], [808])
        // Canada.
        put(["America/Toronto"], [226, 249, 289, 343, 365, 382, 416, 437, 519, 548, 613, 647, 683, 705, 742, 753, 905, 942])
        put(["America/Toronto", "America/Winnipeg"], [807])
        put(["America/Toronto"], [263, 354, 367, 418, 438, 450, 468, 514, 579, 581, 819, 873])  // Quebec
        put(["America/Halifax"], [506, 782, 902])
        put(["America/St_Johns"], [709, 879])
        put(["America/Winnipeg"], [204, 431, 584])
        put(["America/Regina"], [306, 474, 639])  // Saskatchewan: no daylight saving
        put(["America/Edmonton"], [368, 403, 587, 780, 825])
        put(["America/Vancouver"], [236, 250, 257, 604, 672, 778])
        put(["America/Whitehorse", "America/Yellowknife", "America/Iqaluit"], [867])
        return t
    }()
}
