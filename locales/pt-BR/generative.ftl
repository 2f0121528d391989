# O README de um kit generativo (blueprints/generative/README.md.tera).

kitgen-title = kit inicial de IA generativa
kitgen-intro =
    Este repositório leva o assistente dos experimentos com prompts a versões governadas no Vertex AI do
    Google Cloud: prompts versionados, um critério de avaliação que toda versão precisa cumprir (métricas
    computacionais nos pull requests, o serviço de avaliação de IA generativa antes de cada promoção),
    infraestrutura como código (Terraform), CI/CD (Cloud Build), registro de prompts e respostas, e alertas.
kitgen-row-approach = Abordagem
kitgen-row-evaluation = Conjunto de avaliação
kitgen-row-logging = Prompts e respostas
kitgen-approach = { $approach ->
    [supervised_tuning] `{ $model }` ajustado com os exemplos do cliente (ajuste supervisionado)
   *[other] `{ $model }` com prompts versionados
    }
kitgen-retrieval = respostas fundamentadas em `{ $documents }`
kitgen-examples = { $count ->
    [one] { $count } exemplo
   *[other] { $count } exemplos
    }
kitgen-no-evaluation-set = nenhum ainda: o critério não promove nada até que `{ $uri }` exista
kitgen-logging-redacted = registrados no BigQuery, com os dados pessoais desidentificados antes (Sensitive Data Protection)
kitgen-logging-plain = registrados no BigQuery
kitgen-logging-off = não registrados (o questionário diz que não podem ser)
kitgen-model-lifecycle =
    `{ $model }` é uma versão estável do Gemini, lançada em { $released }. O Vertex AI desativa cada versão
    estável numa data publicada na sua página de versões de modelos (<{ $page }>): antes dessa data, indique a
    sucessora em `generative.base_model` no questionário e rode `mlops-kit upgrade`; a entrega contínua só publica
    o novo modelo se ele passar no critério de avaliação contra a produção. A tabela de versões do Gemini do
    mlops-kit foi conferida pela última vez em { $checked }.
kitgen-gate = O critério de avaliação
kitgen-gate-intro =
    Um candidato (uma versão do prompt ou um modelo ajustado) só é promovido quando cada métrica atinge seu
    limite e nenhuma fica mais de { $regression } da sua escala abaixo da nota da versão em produção.
    Os limites estão em `src/` (`config.py`): para mudá-los, responda o questionário de novo e execute
    `mlops-kit upgrade`.
kitgen-col-metric = Métrica
kitgen-col-kind = Tipo
kitgen-col-scale = Escala
kitgen-computation = computacional (também nos pull requests)
kitgen-model-based = baseada em modelo (um modelo avaliador)
kitgen-where-prompts = Os prompts versionados: uma mudança é um pull request, avaliado antes do merge
kitgen-where-src = A avaliação da aplicação, o critério, as métricas, os clientes do Vertex AI atrás de interfaces, o registro com desidentificação e as etapas dos pipelines
kitgen-where-tests = Testes desse código sem acesso à nuvem, com simulações dos clientes do Vertex AI
kitgen-where-pipeline-evaluation = Pipeline de avaliação compilado (KFP v2) do Vertex AI: candidato e produção respondem ao conjunto de avaliação, o serviço de avaliação pontua os dois e o critério decide
kitgen-where-pipeline-tuning = Pipeline de ajuste compilado: os exemplos verificados, um job de ajuste supervisionado do Vertex AI, a mesma avaliação e o mesmo critério, o modelo ajustado registrado
kitgen-where-pipeline-traffic-evaluation = Pipeline compilado de avaliação do tráfego: uma amostra das trocas registradas em produção pontuada com as métricas baseadas em modelo do critério
kitgen-where-image = Imagem das etapas dos pipelines, construída pela entrega contínua e fixada por digest nos templates publicados
kitgen-where-cloudbuild = CI nos pull requests, a avaliação dos prompts alterados, entrega contínua no merge com o critério de avaliação
kitgen-where-module = O módulo da plataforma: APIs, contas de serviço e IAM, buckets, repositórios, registro no BigQuery, Sensitive Data Protection, alertas, Cloud Build
kitgen-where-report = Relatório de maturidade: a avaliação de maturidade, seus impedimentos e o roteiro
kitgen-first-evaluation-set =
    O questionário não indica um conjunto de avaliação: a qualidade não pode ser medida e o critério não
    promove nada até que ele exista. Grave antes exemplos revisados (JSON Lines: `prompt`, `reference`,
    `context` opcional) em `{ $uri }`.
kitgen-push =
    Envie o kit para `{ $branch }`: a entrega contínua em `{ $environment }` aplica o Terraform, constrói a imagem
    dos componentes, publica os templates dos pipelines e os prompts e então executa `{ $pipeline }`; a versão só
    é registrada quando o critério a promove.
kitgen-push-promote =
    Promova uma versão ambiente por ambiente executando o gatilho de entrega contínua de cada um (`{ $trigger }`):
    a mesma imagem, os mesmos templates e prompts, e o critério decide de novo contra a versão em produção
    daquele ambiente.
kitgen-schedule =
    Depois, agende a avaliação de uma amostra do tráfego de produção: defina `enable_evaluation_schedule = true` em
    `terraform/environments/{ $environment }/terraform.tfvars` e faça o merge (a entrega contínua aplica com a
    próxima versão), ou aplique essa raiz manualmente. O Terraform cria então a agenda `{ $schedule }` do Vertex AI
    (cron `{ $cron }`, UTC).
kitgen-ci = lint e os testes do kit, o build da imagem, a validação dos pipelines, verificações de segurança (checkov, hadolint, yamllint, shellcheck) e um plan do Terraform de `{ $environment }`. Nada é enviado nem aplicado.
kitgen-prompt-ci = Avaliação de prompts
kitgen-prompt-ci-text =
    pull requests que mudam `prompts/`: o prompt candidato e o de produção respondem aos mesmos { $size }
    exemplos do conjunto de avaliação com `{ $model }`, pontuados com as métricas computacionais do critério;
    o build falha quando o candidato não atinge um limite ou piora.
kitgen-cd =
    aplica o Terraform, constrói e envia a imagem dos componentes, fixa e publica os templates dos pipelines e
    os prompts, e então executa o pipeline de { $pipeline }: o critério promove o candidato (o registro de
    versão `{ $record }` no bucket de artefatos passa a indicá-lo) ou mantém a produção, e a entrega contínua
    falha quando a produção é mantida.
kitgen-cd-approval = As versões de produção aguardam a aprovação de uma pessoa com o papel Cloud Build Approver.
kitgen-tuning = Ajuste
kitgen-tuning-text =
    cada versão ajusta `{ $model }` com `{ $dataset }` no ambiente a que chega (os exemplos são verificados antes)
    e avalia o modelo ajustado com o mesmo critério; um modelo promovido recebe o alias `production` no registro
    de modelos.
kitgen-monitoring = Monitoramento
kitgen-log =
    A aplicação registra uma fração estável de { $rate } das requisições em `{ $table }` (uma partição por dia,
    mantida por { $days } dias).
kitgen-log-redacted = Prompts e respostas são desidentificados com o modelo `{ $template }` do Sensitive Data Protection antes de serem gravados; sem ele nada é registrado.
kitgen-log-off = Prompts e respostas não são registrados: não há tabela de registro nem avaliação do tráfego de produção.
kitgen-alerts = Alertas do Cloud Monitoring (métricas do próprio Gemini e os registros da aplicação):
kitgen-alerts-to = Os alertas vão para
kitgen-traffic =
    A cada { $hours } horas uma agenda do Vertex AI pontua até { $size } trocas registradas no intervalo com as
    métricas baseadas em modelo do critério, acrescenta as notas a `{ $table }` e dispara o alerta de qualidade
    quando uma fica abaixo do limite: é isso que deriva significa para uma aplicação generativa.
kitgen-traffic-none =
    O tráfego de produção não é avaliado por agenda: isso exige prompts e respostas registrados e uma métrica
    baseada em modelo no critério.
kitgen-developing =
    Os testes rodam sem acesso à nuvem: os clientes do Vertex AI ficam atrás de interfaces com simulações, e as
    métricas computacionais são calculadas de verdade em amostras pequenas. A aplicação registra por meio de
    `{ $package }.log_record` (`log_row` para a linha amostrada e desidentificada; `safety_block_entry` para o registro
    que o alerta de segurança conta), e assim grava o mesmo registro que a avaliação agendada lê.
kitgen-how = Como funcionam a CI e a entrega contínua
kitgen-alert-gemini-latency = Latência do Gemini acima da meta informada (percentil 95)
kitgen-alert-gemini-errors = Chamadas ao Gemini falhando
kitgen-alert-gemini-tokens = Uso de tokens do Gemini acima do orçamento
kitgen-alert-safety-blocks = Respostas bloqueadas pelos filtros de segurança do Gemini
kitgen-alert-traffic-quality = Respostas de produção amostradas abaixo do critério de avaliação
kitgen-mm-prompts = prompts alterados
kitgen-mm-publish = imagem, templates, prompts
kitgen-mm-answer = candidato e produção respondem ao conjunto de avaliação
kitgen-mm-score = o serviço de avaliação pontua os dois
kitgen-mm-decide = critério
kitgen-mm-promote = promovido
kitgen-mm-release = registro da versão
kitgen-mm-app = aplicação
kitgen-mm-calls = prompt
kitgen-mm-log = registro
kitgen-mm-log-redacted = registro desidentificado
kitgen-mm-schedule = agenda do Vertex AI
kitgen-mm-traffic = avaliação do tráfego
kitgen-mm-alerts = alertas do Cloud Monitoring
kitgen-tuning-agent =
    O job de ajuste fino roda como a conta das pipelines, e o agente de serviço de ajuste fino seguro do
    Vertex AI (`service-PROJECT_NUMBER@{ $domain }`) precisa do papel Token Creator nessa conta. O Google
    cria o agente com o primeiro job de ajuste fino do projeto, então a primeira versão de cada ambiente
    para na etapa de ajuste fino com um erro de permissão. Defina então `enable_tuning_agent_grant = true`
    no `terraform/environments/<env>/terraform.tfvars` desse ambiente, faça o merge (a entrega contínua
    aplica isso primeiro) e execute o gatilho de entrega contínua de novo, como acima.
kitgen-rerun = Para executar o critério de novo no mesmo commit (depois de mudar o conjunto de avaliação ou de uma execução com falha), execute o gatilho de entrega contínua manualmente:
