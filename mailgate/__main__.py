from mailgate.cli.main import main

main()
